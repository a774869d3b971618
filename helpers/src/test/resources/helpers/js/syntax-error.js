// Has a syntax error on line 3.
function provision(host) {
  return { defer: true msg: "x" };
}
