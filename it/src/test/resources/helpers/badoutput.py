#!/usr/bin/env python3
"""Chaos-suite helper: node-000NN misbehaves as case NN says; every other node is configured."""
import json
import re
import sys
import time

host = json.load(sys.stdin)
identity = host["identity"]
index = int(re.search(r"(\d+)", identity).group(1))
good = {
    "identity": identity,
    "loglevel": "info",
    "plugin.choria.server.provision": "false",
    "plugin.choria.middleware_hosts": "nats://broker.example.net:4222",
}
if index == 1:
    good["registerinterval"] = 300
    print(json.dumps({"defer": False, "msg": "number value", "configuration": good}))
elif index == 2:
    print("this is not json")
elif index == 3:
    print(json.dumps({"defer": False, "msg": "no configuration"}))
elif index == 4:
    print(json.dumps({"defer": False, "msg": "list", "configuration": ["a", "b"]}))
elif index == 5:
    sys.stdout.write('{"defer": false, "msg": "' + "x" * (20 * 1024 * 1024) + '"}')
elif index == 6:
    sys.stdout.buffer.write(b'{"defer": false, "msg": "\xff\xfe\xfd", "configuration": {}}')
elif index == 7:
    time.sleep(60)
elif index == 8:
    sys.stderr.write("helper crashed on purpose\n")
    sys.exit(3)
elif index == 9:
    pass
elif index == 10:
    del good["plugin.choria.server.provision"]
    print(json.dumps({"defer": False, "msg": "no provision=false", "configuration": good}))
elif index == 11:
    print(json.dumps({"defer": "yes", "msg": "defer is a string", "configuration": good}))
else:
    print(json.dumps({"defer": False, "msg": "ok", "configuration": good}))
