// Public API of the disclose stage.
export {};
