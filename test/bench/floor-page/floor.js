performance.mark('cloudmc-bench:script-start');
// The floor page's script (served as bench-floor.js; the mark above is its first statement, as the bench puts it at the top of the app's script).
// It reads the cached list of the profile in ?profile= over the web host's bridge and renders its first 20 rows into a plain table;
// then lists the profiles: the search field filters their names with a plain Array.filter and renders the first 20 as buttons;
// a button shows that profile's cached list the same way.
const firstRows = 20;
const tbody = document.querySelector('tbody');
const search = document.querySelector('input[type="search"]');
const list = document.querySelector('nav ul');

const cell = (text) => {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  return td;
};

async function showKeys(profileId) {
  const result = await window.cloudmc.keys.listCached({ profileId });
  if (!result.ok) throw new Error(`keys.listCached answered ${result.error.code}`);
  const rows = (result.value.list?.keys ?? []).slice(0, firstRows).map((key) => {
    const tr = document.createElement('tr');
    tr.append(cell(key.name), cell(key.creationDate), cell(key.lastUsedDate), cell(key.lastUsedIp));
    return tr;
  });
  tbody.replaceChildren(...rows);
}

let profiles = [];
function showProfiles(query) {
  const q = query.trim().toLowerCase();
  const shown = q === '' ? profiles : profiles.filter((p) => p.lowerName.includes(q));
  list.replaceChildren(
    ...shown.slice(0, firstRows).map((p) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      const name = document.createElement('span');
      name.textContent = p.name;
      button.append(name);
      button.addEventListener('click', () => void showKeys(p.id));
      li.append(button);
      return li;
    }),
  );
}

await showKeys(new URLSearchParams(location.search).get('profile') ?? '');
const answer = await window.cloudmc.profiles.list();
if (!answer.ok) throw new Error(`profiles.list answered ${answer.error.code}`);
profiles = answer.value.map((p) => ({ id: p.id, name: p.name, lowerName: p.name.toLowerCase() }));
search.addEventListener('input', () => showProfiles(search.value));
showProfiles(search.value);
document.body.dataset.ready = 'true';
