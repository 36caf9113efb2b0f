/**
 * The customer's tracking page: one self-contained HTML document. It reads the token from its own
 * URL, shows status, ETA and window, and a map (Leaflet with OpenStreetMap tiles) once the courier
 * is close; the feed keeps it current without reloading.
 */
export const trackPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your delivery</title>
<link rel="stylesheet" href="https://unpkg.com/leaflet@1.9.4/dist/leaflet.css" crossorigin="">
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #1d2733; background: #f5f7fa; }
  main { max-width: 36rem; margin: 0 auto; padding: 1.5rem; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  .card { background: #fff; border-radius: .75rem; padding: 1rem 1.25rem; box-shadow: 0 1px 3px #0002; margin-bottom: 1rem; }
  .eta { font-size: 2rem; font-weight: 600; }
  #map { height: 18rem; border-radius: .75rem; display: none; }
  small { color: #5b6775; }
</style>
</head>
<body>
<main>
  <h1>Your delivery</h1>
  <div class="card"><div id="status">Loading…</div><div class="eta" id="eta"></div><small id="window"></small></div>
  <div id="map"></div>
  <p><small>Map data © <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a></small></p>
</main>
<script src="https://unpkg.com/leaflet@1.9.4/dist/leaflet.js" crossorigin=""></script>
<script>
  const token = location.pathname.split('/').pop();
  const labels = { pending: 'Order received', planned: 'Being scheduled', assigned: 'On its way soon', picked_up: 'On its way', delivered: 'Delivered', failed: 'Delivery attempt failed', cancelled: 'Cancelled' };
  const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  let map, marker;
  function render(view) {
    document.getElementById('status').textContent = labels[view.status] || view.status;
    document.getElementById('eta').textContent = view.eta && !view.completed_at ? 'Arriving around ' + time(view.eta) : '';
    const w = view.time_windows && view.time_windows[0];
    document.getElementById('window').textContent = w ? 'Your window: ' + time(w.start) + '–' + time(w.end) : '';
    const box = document.getElementById('map');
    if (!view.courier || !window.L) { box.style.display = 'none'; return; }
    box.style.display = 'block';
    const at = [view.courier.location[1], view.courier.location[0]];
    if (!map) {
      map = L.map(box).setView(at, 15);
      L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', { maxZoom: 19, attribution: '© OpenStreetMap contributors' }).addTo(map);
      marker = L.marker(at).addTo(map);
    } else { marker.setLatLng(at); map.panTo(at); }
  }
  fetch('/v1/track/' + encodeURIComponent(token)).then((r) => {
    if (!r.ok) { document.getElementById('status').textContent = 'This tracking link is not valid.'; return; }
    return r.json().then((view) => {
      render(view);
      const feed = new EventSource('/v1/track/' + encodeURIComponent(token) + '/stream');
      feed.addEventListener('status', (e) => render(JSON.parse(e.data)));
    });
  });
</script>
</body>
</html>
`;
