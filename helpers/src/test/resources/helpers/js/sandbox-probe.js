// Tries one forbidden thing, named by inventory.probe, and reports what happened in msg.
function attempt(probe, port) {
  switch (probe) {
    case "file": return load("/etc/hostname");
    case "socket": {
      const Socket = Java.type("java.net.Socket");
      return new Socket("127.0.0.1", port);
    }
    case "process": return Java.type("java.lang.ProcessBuilder");
    case "env": return JSON.stringify(process.env);
    case "host-class": return Java.type("java.lang.System").getProperty("user.home");
    case "polyglot": return Polyglot.eval("python", "1 + 1");
    default: throw new Error("unknown probe " + probe);
  }
}

function provision(host) {
  const inventory = JSON.parse(host.inventory);
  let outcome;
  try {
    outcome = "ALLOWED: " + String(attempt(inventory.probe, inventory.port)).slice(0, 200);
  } catch (e) {
    outcome = "DENIED: " + e;
  }
  return { defer: true, msg: outcome };
}
