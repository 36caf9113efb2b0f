/**
 * A Gehring & Homberger-style VRPTW instance in Solomon's text format: random customers on a
 * 500 × 500 square, demands 1–50, capacity 200, 90 s service, and time windows placed so that each
 * customer alone is reachable from the depot and back. Deterministic for a seed.
 *   npx tsx bench/generate-vrptw.ts 1000 1 > fixtures/benchmarks/generated/GH1000_1.txt
 */
export function generateVrptw(customers: number, seed: number): string {
  let state = seed >>> 0 || 1;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const horizon = 3390;
  const depot = { x: 250, y: 250 };
  const vehicles = Math.ceil(customers / 4);
  const lines = [`GH${customers}_${seed}`, '', 'VEHICLE', 'NUMBER     CAPACITY', `  ${vehicles}         200`, '', 'CUSTOMER', 'CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME', ''];
  lines.push(`    0      ${depot.x}         ${depot.y}          0          0       ${horizon}          0`);
  for (let i = 1; i <= customers; i++) {
    const x = Math.floor(random() * 500);
    const y = Math.floor(random() * 500);
    const demand = 1 + Math.floor(random() * 50);
    const service = 90;
    const reach = Math.ceil(Math.hypot(x - depot.x, y - depot.y));
    const width = 60 + Math.floor(random() * 180);
    const earliest = reach;
    const latest = horizon - reach - service - width;
    const ready = earliest + Math.floor(random() * Math.max(1, latest - earliest));
    lines.push(`${String(i).padStart(5)} ${String(x).padStart(8)} ${String(y).padStart(9)} ${String(demand).padStart(10)} ${String(ready).padStart(10)} ${String(ready + width).padStart(10)} ${String(service).padStart(10)}`);
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(generateVrptw(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 1)));
}
