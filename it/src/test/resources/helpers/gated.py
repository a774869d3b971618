#!/usr/bin/env python3
"""Test helper: defers a node until a file named after it exists in the folder given as argument."""
import json
import os
import sys

host = json.load(sys.stdin)
identity = host["identity"]
if not os.path.exists(os.path.join(sys.argv[1], identity)):
    print(json.dumps({"defer": True, "msg": "waiting for the gate of " + identity}))
else:
    print(json.dumps({"defer": False, "msg": "gate open", "configuration": {
        "plugin.choria.server.provision": "false", "loglevel": "info"}}))
