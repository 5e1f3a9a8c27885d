/** Text files imported whole (the print stylesheet): Vite/Vitest read `?raw` natively, scripts/build.mjs has a plugin for esbuild. */
declare module '*.css?raw' {
  const text: string;
  export default text;
}
