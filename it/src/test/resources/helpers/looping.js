// Test helper: loops forever for two nodes, configures the others.
function provision(host) {
  if (host.identity.startsWith("node-00002.") || host.identity.startsWith("node-00005.")) {
    while (true) {}
  }
  return {
    defer: false,
    msg: "ok",
    configuration: {"plugin.choria.server.provision": "false", "loglevel": "info"},
  };
}
