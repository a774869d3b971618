#!/bin/sh
# Interop helper with policies: the interop helper's reply (interop-helper.sh), plus one Action
# policy and one Open Policy Agent policy, and the server set to authorize RPCs by Action policy.
# Usage: interop-helper-policies.sh BROKER-URL. Reads the node's JSON on stdin.
set -eu
here=$(dirname "$0")
reply=$(/bin/sh "$here/interop-helper.sh" "$1")
printf '%s' "$reply" | python3 -c '
import json, sys
reply = json.load(sys.stdin)
reply["configuration"]["rpcauthorization"] = "1"
reply["configuration"]["rpcauthprovider"] = "action_policy"
reply["action_policies"] = {
    "rpcutil.policy": "policy default deny\nallow\t*\tping\t*\t*\n",
}
reply["opa_policies"] = {
    "rpcutil.rego": "package io.choria.mcorpc.authpolicy\n\ndefault allow = false\n\nallow {\n  input.action == \"ping\"\n}\n",
}
print(json.dumps(reply))
'
