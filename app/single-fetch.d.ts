import "@remix-run/node";

// Loaders and actions return plain objects (single fetch); see STACK-NOTES.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
