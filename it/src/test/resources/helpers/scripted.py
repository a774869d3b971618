#!/usr/bin/env python3
"""Test helper: node-NNNNN with NNNNN % 50 == 0 fails permanently (a non-string configuration
value), NNNNN % 10 == 1 defers twice (state kept in the folder given as argument), others configure."""
import json
import os
import re
import sys

host = json.load(sys.stdin)
identity = host["identity"]
index = int(re.search(r"(\d+)", identity).group(1))
state_dir = sys.argv[1]
config = {
    "plugin.choria.server.provision": "false",
    "plugin.choria.middleware_hosts": "nats://broker.example.net:4222",
    "loglevel": "info",
}
if index % 50 == 0:
    config["registerinterval"] = 300  # not a string: the provisioner must reject this output
    print(json.dumps({"defer": False, "msg": "broken on purpose", "configuration": config}))
    sys.exit(0)
if index % 10 == 1:
    marker = os.path.join(state_dir, identity)
    seen = int(open(marker).read()) if os.path.exists(marker) else 0
    if seen < 2:
        with open(marker, "w") as f:
            f.write(str(seen + 1))
        print(json.dumps({"defer": True, "msg": "deferral %d of 2" % (seen + 1)}))
        sys.exit(0)
print(json.dumps({"defer": False, "msg": "ok", "configuration": config}))
