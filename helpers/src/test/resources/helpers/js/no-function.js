// Defines no provision function.
function provisionNode(host) {
  return { defer: true };
}
