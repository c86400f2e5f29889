// Node-only public API (file system).
export {};
