// Throws from a nested function.
function lookUp(facts) {
  return facts.missing.country;
}

function provision(host) {
  return { defer: true, msg: lookUp({}) };
}
