// Prints a lot and returns a reply with a non-string configuration value.
function provision(host) {
  for (let i = 0; i < 100000; i++) {
    console.log("line " + i + " of chatter that must be truncated, not kept");
  }
  return { configuration: { "plugin.choria.server.provision": "false", registerinterval: 300 } };
}
