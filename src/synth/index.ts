// Public API of the synth stage.
export {};
