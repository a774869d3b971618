// Loops forever when inventory.loop is true, otherwise answers.
function provision(host) {
  const inventory = JSON.parse(host.inventory);
  if (inventory.loop) {
    let n = 0;
    while (true) {
      n++;
    }
  }
  return { defer: true, msg: "no loop for " + host.identity };
}
