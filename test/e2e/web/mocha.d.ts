// mocha's browser build (mocha/mocha.js) sets globalThis.mocha; it has no typings of its own.
declare module 'mocha/mocha';
