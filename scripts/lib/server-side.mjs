// Preloaded by `npm start` (tsx --import): the start script is a server, and the data-access modules it loads say
// `import "server-only"`, a marker that throws outside the react-server condition. Resolve that one specifier to an
// empty module, as Next does for its server bundles; nothing else changes (the Next server in the same process
// keeps the normal conditions, which `--conditions=react-server` would not).
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      `export async function resolve(s, c, n) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : n(s, c); }`,
    ),
);
