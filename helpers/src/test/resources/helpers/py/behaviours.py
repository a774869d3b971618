# Test helper: inventory.mode picks a behaviour. "probe" tries one forbidden thing (inventory.probe)
# and reports what happened in msg; "loop" never returns; "echo" answers for the identity.
import json


def attempt(probe, port):
    if probe == "file":
        with open("/etc/hostname") as f:
            return f.read()
    if probe == "socket":
        import socket
        return socket.create_connection(("127.0.0.1", port), timeout=2)
    if probe == "process":
        import subprocess
        return subprocess.run(["/bin/true"])
    if probe == "env":
        import os
        return ",".join(sorted(os.environ))
    if probe == "host-class":
        import java
        return java.type("java.lang.System").getProperty("user.home")
    if probe == "thread":
        import threading
        t = threading.Thread(target=lambda: None)
        t.start()
        return t
    raise ValueError("unknown probe " + probe)


def provision(host):
    inventory = json.loads(host["inventory"])
    mode = inventory.get("mode", "echo")
    if mode == "loop":
        while True:
            pass
    if mode == "echo":
        return {"defer": True, "msg": "echo " + host["identity"]}
    try:
        outcome = "ALLOWED: " + str(attempt(inventory["probe"], inventory.get("port")))[:200]
    except BaseException as e:
        outcome = "DENIED: " + type(e).__name__ + ": " + str(e)
    return {"defer": True, "msg": outcome}
