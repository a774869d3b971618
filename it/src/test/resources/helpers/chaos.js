// Chaos-suite helper: configures every node, with settings derived from its identity only, so
// a node configured twice must get byte-identical settings.
function provision(host) {
  return {
    defer: false,
    msg: "configured " + host.identity,
    configuration: {
      "identity": host.identity,
      "loglevel": "info",
      "plugin.choria.server.provision": "false",
      "plugin.choria.middleware_hosts": "nats://broker.example.net:4222",
    },
  };
}
