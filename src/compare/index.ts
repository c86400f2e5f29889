// Public API of the compare stage.
export {};
