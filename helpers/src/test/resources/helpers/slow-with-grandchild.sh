#!/bin/sh
# Never answers: starts a background child and a grandchild, writes every PID into the file
# named by $1, then waits.
cat >/dev/null
sleep 300 &
echo $! >> "$1"
sh -c 'sleep 300 & echo $! >> "$1"; wait' grandchild "$1" &
echo $! >> "$1"
echo $$ >> "$1"
echo "started background work" >&2
wait
