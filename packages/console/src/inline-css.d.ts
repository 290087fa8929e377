// Vite's `?inline` import of a stylesheet: its text, for a component to adopt into its shadow root.
declare module '*.css?inline' {
  const stylesheet: string;
  export default stylesheet;
}
