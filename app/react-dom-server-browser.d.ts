// The web-streams server renderer, by its own entry point (app/render-document.server.tsx).
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
