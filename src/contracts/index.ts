// Public API of the contracts stage.
export {};
