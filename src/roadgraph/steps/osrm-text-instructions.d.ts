declare module 'osrm-text-instructions' {
  interface Compiler {
    compile(language: string, step: object, options?: { legCount?: number; legIndex?: number; waypointName?: string }): string;
  }
  function osrmTextInstructions(version: 'v5'): Compiler;
  export default osrmTextInstructions;
}

declare module 'osrm-text-instructions/languages.js' {
  const languages: { supportedCodes: string[] };
  export default languages;
}
