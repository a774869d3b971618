// Test helper for DemoRepeatIT: node 3 gets a non-string configuration value, so its run ends
// FAILED; every other node is configured.
function provision(host) {
  const configuration = {
    "plugin.choria.server.provision": "false",
    "plugin.choria.middleware_hosts": "nats://broker.example.net:4222",
  };
  if (host.identity.startsWith("node-00003.")) {
    configuration["registerinterval"] = 300;
  }
  return { defer: false, msg: "configured " + host.identity, configuration: configuration };
}
