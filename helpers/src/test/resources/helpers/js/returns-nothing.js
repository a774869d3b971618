// Forgets to return.
function provision(host) {
  console.log("working on " + host.identity);
}
