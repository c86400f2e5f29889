// Public API of the figures stage.
export {};
