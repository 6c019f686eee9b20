import { beforeEach, describe, expect, it } from 'vitest';
import {
  buildReportParts,
  censorDomSkeleton,
  jsonShape,
  pathPlaceholders,
  sameOriginRequestPaths,
  textShape,
} from '../../../utils/hosts/diagnostic/censor';

const ORIGIN = 'https://console.example:8443';

const PUPILS = [
  { prenom: 'Léa', nom: 'Martin', courriel: 'lea.martin@ac-test.fr', ent: 'ENT12345678' },
  { prenom: 'Noah', nom: 'Dubois', courriel: 'noah.dubois@ac-test.fr', ent: 'ENT23456789' },
  { prenom: 'Chloé', nom: 'Bernard-Petit', courriel: 'chloe.bernard-petit@ac-test.fr', ent: 'ENT34567890' },
];

const SCHOOLS = [
  { nom: 'COLLÈGE JEAN MOULIN', uai: '0999123K' },
  { nom: 'LYCÉE VICTOR HUGO', uai: '0999124L' },
];

const subscriptionId = (n: number): string => `ABO-2025-${String(n).padStart(4, '0')}`;

function consolePage(): string {
  const options = SCHOOLS.map(
    ({ nom, uai }, i) => `<option value="${uai}"${i === 0 ? ' selected' : ''}>${nom} (${uai})</option>`,
  ).join('');
  const rows = Array.from(
    { length: 30 },
    (_, i) =>
      `<tr class="ligne" data-id-abonnement="${subscriptionId(i + 1)}">` +
      `<td>Manuel numérique ${String(i + 1).padStart(2, '0')}</td><td>${subscriptionId(i + 1)}</td></tr>`,
  ).join('');
  const people = PUPILS.map(
    ({ prenom, nom, courriel, ent }) =>
      `<li class="eleve eleve-${ent.slice(3)}" data-ent-id="${ent}" data-courriel="${courriel}" data-profil="eleve">` +
      `<span class="nom">${prenom} ${nom}</span> <span class="courriel">${courriel}</span>` +
      `<button type="button" class="retirer" aria-label="Retirer ${prenom} ${nom}" title="${prenom} ${nom}">×</button>` +
      `<a href="/population/divisions/4A?eleve=${ent}">4A</a>` +
      `<a href="mailto:${courriel}">écrire</a>` +
      '</li>',
  ).join('');
  return `
    <header class="gar-entete" role="banner" data-gar-uai="${SCHOOLS[0]?.uai}">
      <h1>Console d'affectation</h1>
      <label for="choix-etablissement">Établissement</label>
      <select id="choix-etablissement" name="uai">${options}</select>
    </header>
    <main role="main" class="contenu" data-gar-vue="ressources">
      <table class="table table-striped" data-gar-table="ressources">
        <thead><tr><th scope="col">Ressource</th><th scope="col">Identifiant</th></tr></thead>
        <tbody>${rows}</tbody>
      </table>
      <section class="population" aria-label="Population de ${SCHOOLS[0]?.nom}" data-gar-vue="population">
        <input type="search" name="recherche" value="Léa" placeholder="Rechercher Léa Martin">
        <textarea name="note">Noah Dubois absent</textarea>
        <ul role="list" class="liste-population">${people}</ul>
        <span title="Noah Dubois">ND</span>
        <img src="https://cdn.example.org/photos/ENT12345678.jpg?v=3" alt="Léa Martin">
      </section>
    </main>
    <compagnon-gar-panneau data-compagnon-hote="">Léa Martin est affectée</compagnon-gar-panneau>
    <div id="compagnon-bandeau">Noah Dubois</div>
    <script>window.__ETAT__ = { eleve: "Léa Martin", uai: "0999123K" };</script>
    <svg class="icone"><title>Léa Martin</title><path d="M0 0"></path></svg>
  `;
}

const RESOURCE_ENTRIES = [
  {
    name: `${ORIGIN}/api/etablissements/0999123K/abonnements/ABO-2025-0001/affectations?x=1`,
    initiatorType: 'fetch',
  },
  {
    name: `${ORIGIN}/api/etablissements/0999123K/abonnements/ABO-2025-0002/affectations`,
    initiatorType: 'fetch',
  },
  { name: `${ORIGIN}/api/etablissements/0999124L/personnes/ENT12345678`, initiatorType: 'fetch' },
  { name: `${ORIGIN}/api/personnes/lea.martin@ac-test.fr`, initiatorType: 'xmlhttprequest' },
  {
    name: `${ORIGIN}/api/recherche?q=L%C3%A9a%20Martin&courriel=lea.martin@ac-test.fr`,
    initiatorType: 'fetch',
  },
  { name: `${ORIGIN}/assets/main.js`, initiatorType: 'script' },
  { name: 'https://cdn.example.org/eleves/ENT34567890/photo.png', initiatorType: 'img' },
];

const ANSWERS = [
  {
    path: `${ORIGIN}/api/etablissements/0999123K/personnes?division=4A`,
    body: {
      personnes: PUPILS.map(({ prenom, nom, courriel, ent }, i) => ({
        id: ent,
        nom,
        prenom,
        courriel,
        ...(i === 2 ? { division: '4A' } : {}),
      })),
      parUai: { '0999123K': { n: 3 }, '0999124L': { n: 5 } },
      total: 3,
    },
  },
  {
    path: '/api/etablissements/0999123K/abonnements',
    body: Array.from({ length: 30 }, (_, i) => ({
      idAbonnement: subscriptionId(i + 1),
      libelleRessource: `Manuel numérique ${i + 1}`,
      actif: i % 2 === 0,
      etablissement: SCHOOLS[0]?.nom,
    })),
  },
  // Same route once placeholders are in: the first answer's shape is the one kept.
  { path: '/api/etablissements/0999124L/abonnements', body: { autre: 'forme' } },
];

/** Everything personal in the page and the answers: none of it may reach the report. */
function personalStrings(): string[] {
  const whole = [
    ...PUPILS.flatMap(({ prenom, nom, courriel, ent }) => [
      `${prenom} ${nom}`,
      courriel,
      courriel.split('@')[0] ?? '',
      ent,
      ent.slice(3),
    ]),
    ...SCHOOLS.flatMap(({ nom, uai }) => [nom, uai, uai.slice(0, 7)]),
    ...Array.from({ length: 30 }, (_, i) => subscriptionId(i + 1)),
    '12345678',
    '0999123',
    '0999124',
    '2025',
  ];
  return whole.filter((text) => text !== '');
}

/** Each word (≥ 3 letters) of the names, to be found nowhere as a word, accented or not. */
function personalWords(): string[] {
  const names = [...PUPILS.flatMap(({ prenom, nom }) => [prenom, nom]), ...SCHOOLS.map(({ nom }) => nom)];
  const words = names.flatMap((name) => name.split(/[\s-]+/)).filter((word) => word.length >= 3);
  const folded = words.map((word) => word.normalize('NFD').replace(/\p{M}/gu, ''));
  return [...new Set([...words, ...folded])];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const asWord = (word: string): RegExp => new RegExp(`(?<!\\p{L})${escapeRegExp(word)}(?!\\p{L})`, 'iu');

describe('buildReportParts on a console-like page', () => {
  beforeEach(() => {
    document.body.innerHTML = consolePage();
  });

  const report = () =>
    buildReportParts({
      root: document.body,
      resourceEntries: RESOURCE_ENTRIES,
      origin: ORIGIN,
      answers: ANSWERS,
    });

  it('lets no name, e-mail, ENT id, UAI, subscription id or school name through', () => {
    const text = JSON.stringify(report());
    const lower = text.toLowerCase();
    for (const personal of personalStrings()) expect(lower, personal).not.toContain(personal.toLowerCase());
    for (const word of personalWords()) expect(text, word).not.toMatch(asWord(word));
  });

  it('keeps the structure a maintainer needs', () => {
    const { squelette, requetes, formesJson } = report();
    expect(squelette).toContain('data-gar-table="ressources"');
    expect(squelette).toContain('data-gar-vue="population"');
    expect(squelette).toContain('data-profil="eleve"');
    expect(squelette).toContain('header[role=banner] .gar-entete data-gar-uai="9999999X"');
    expect(squelette).toContain('ul[role=list] .liste-population');
    expect(squelette).toContain('table .table.table-striped data-gar-table="ressources"');
    expect(squelette).toMatch(/^ {10}th scope="col" "Xxxxxxxxx"$/m);
    expect(squelette).toMatch(/^ {6}tbody$/m);
    expect(squelette).toContain('tr .ligne data-id-abonnement="XXX-9999-9999"');
    expect(squelette).toContain('option selected value "XXXXXXX XXXX XXXXXX (9999999X)"');
    expect(squelette).toContain('button .retirer aria-label="Xxxxxxx Xxx Xxxxxx" title type="button" "×"');
    expect(squelette).toContain('a href="/population/divisions/:id" "9X"');
    expect(squelette).toContain('a href=":email" "xxxxxx"');
    expect(squelette).toContain('input name placeholder type="search" value');
    expect(squelette).toMatch(/^ {6}textarea name$/m);
    expect(squelette).toContain('img alt src="/photos/:id"');
    expect(squelette).toContain('li .eleve.xxxxx-99999999 data-courriel=');

    expect(requetes).toEqual([
      '/api/etablissements/:uai/abonnements/:id/affectations',
      '/api/etablissements/:uai/personnes/:id',
      '/api/personnes/:email',
      '/api/recherche',
      '/assets/main.js',
    ]);

    expect(Object.keys(formesJson).sort()).toEqual([
      '/api/etablissements/:uai/abonnements',
      '/api/etablissements/:uai/personnes',
    ]);
    expect(formesJson['/api/etablissements/:uai/personnes']).toEqual({
      parUai: { ':cle': { n: 'number' } },
      personnes: [{ courriel: 'string', division: 'string', id: 'string', nom: 'string', prenom: 'string' }],
      total: 'number',
    });
    expect(formesJson['/api/etablissements/:uai/abonnements']).toEqual([
      { actif: 'boolean', etablissement: 'string', idAbonnement: 'string', libelleRessource: 'string' },
    ]);
  });

  it('leaves out scripts, svg drawings and the extension’s own hosts', () => {
    const { squelette } = report();
    expect(squelette).toMatch(/^ {2}script$/m);
    expect(squelette).toMatch(/^ {2}svg \.icone$/m);
    expect(squelette).not.toContain('path d');
    expect(squelette).not.toContain('__ETAT__');
    expect(squelette).not.toContain('compagnon');
  });

  it('collapses the 30 identical subscription rows to three and a count', () => {
    const { squelette } = report();
    expect(squelette.match(/data-id-abonnement/g)).toHaveLength(3);
    expect(squelette).toMatch(/^ {8}… ×27 de plus$/m);
  });
});

describe('textShape', () => {
  it('replaces letters and digits, keeps punctuation', () => {
    expect(textShape('Léa Martin 4e B')).toBe('Xxx Xxxxxx 9x X');
    expect(textShape('COLLÈGE JEAN MOULIN (0999123K)')).toBe('XXXXXXX XXXX XXXXXX (9999999X)');
    expect(textShape('lea.martin@ac-test.fr')).toBe('xxx.xxxxxx@xx-xxxx.xx');
  });

  it('collapses whitespace and trims', () => {
    expect(textShape('  Noah \n\t  Dubois  ')).toBe('Xxxx Xxxxxx');
    expect(textShape('   ')).toBe('');
  });

  it('counts decomposed accents as part of their letter', () => {
    expect(textShape('Chloe\u0301')).toBe('Xxxxx');
  });

  it('caps at 40 characters', () => {
    expect(textShape('a'.repeat(40))).toBe('x'.repeat(40));
    expect(textShape('a'.repeat(41))).toBe(`${'x'.repeat(40)}…`);
  });
});

describe('pathPlaceholders', () => {
  it('drops origin, query and hash and replaces ids', () => {
    expect(
      pathPlaceholders(
        'https://x.example:8443/api/etablissements/0999123K/abonnements/ABO-2025-0001/affectations?x=1',
      ),
    ).toBe('/api/etablissements/:uai/abonnements/:id/affectations');
    expect(pathPlaceholders('/tableau-de-bord#ENT12345678')).toBe('/tableau-de-bord');
  });

  it('recognises e-mails, UUIDs, digits and mixed ids', () => {
    expect(pathPlaceholders('/personnes/lea.martin@ac-test.fr')).toBe('/personnes/:email');
    expect(pathPlaceholders('/personnes/lea.martin%40ac-test.fr')).toBe('/personnes/:email');
    expect(pathPlaceholders('/r/3f2b8c1e-9a4d-4c6e-8b1f-0a2b3c4d5e6f')).toBe('/r/:id');
    expect(pathPlaceholders('/r/42/ENT12345678/4A/ab12')).toBe('/r/:id/:id/:id/ab12');
    expect(pathPlaceholders('/eleves/Martin/lea.martin')).toBe('/eleves/:valeur/:valeur');
  });

  it('keeps route words and relative paths', () => {
    expect(pathPlaceholders('api/ressources/expirees/')).toBe('api/ressources/expirees/');
    expect(pathPlaceholders('/assets/main.js')).toBe('/assets/main.js');
    expect(pathPlaceholders('#haut')).toBe('');
    expect(pathPlaceholders('?eleve=ENT12345678')).toBe('');
  });
});

describe('sameOriginRequestPaths', () => {
  it('keeps the same origin, with placeholders, deduplicated and sorted', () => {
    expect(
      sameOriginRequestPaths(
        [
          { name: `${ORIGIN}/api/b/ENT1234` },
          { name: `${ORIGIN}/api/a` },
          { name: `${ORIGIN}/api/b/ENT5678?q=1` },
          { name: 'https://autre.example/api/c' },
          { name: 'pas une url' },
        ],
        ORIGIN,
      ),
    ).toEqual(['/api/a', '/api/b/:id']);
  });

  it('compares normalised origins', () => {
    expect(sameOriginRequestPaths([{ name: 'https://x.example/a' }], 'https://X.example:443')).toEqual([
      '/a',
    ]);
  });
});

describe('jsonShape', () => {
  it('gives the types of primitives', () => {
    expect(jsonShape('Léa')).toBe('string');
    expect(jsonShape(3)).toBe('number');
    expect(jsonShape(false)).toBe('boolean');
    expect(jsonShape(null)).toBe('null');
    expect(jsonShape([])).toEqual([]);
  });

  it('keeps sorted keys and merges array elements', () => {
    expect(jsonShape({ b: 1, a: [{ x: 'a' }, { y: true }, { x: 2 }] })).toEqual({
      a: [{ x: 'string|number', y: 'boolean' }],
      b: 'number',
    });
    expect(jsonShape([[], ['a']])).toEqual([['string']]);
    expect(jsonShape([1, 'a', null])).toEqual(['number|string|null']);
  });

  it('merges only the first 20 elements', () => {
    const items = [...Array.from({ length: 20 }, () => ({ a: 1 })), { b: 1 }];
    expect(jsonShape(items)).toEqual([{ a: 'number' }]);
  });

  it('merges personal keys into one ":cle"', () => {
    expect(
      jsonShape({
        '0999123K': { n: 1 },
        'lea.martin@ac-test.fr': { m: 'x' },
        ENT12345678: { n: 2 },
        'Léa Martin': { n: 3 },
        nom: 'Martin',
      }),
    ).toEqual({ ':cle': { m: 'string', n: 'number' }, nom: 'string' });
  });

  it('stops at depth 12', () => {
    let deep: unknown = 'fond';
    for (let i = 0; i < 15; i++) deep = { d: deep };
    const text = JSON.stringify(jsonShape(deep));
    expect(text.match(/"d"/g)).toHaveLength(13);
    expect(text).toContain('"…"');
  });

  it('keeps a "__proto__" key as a plain key', () => {
    const shape = jsonShape(JSON.parse('{"__proto__": {"x": 1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(shape)).toBe(Object.prototype);
    expect(Object.keys(shape)).toEqual(['__proto__']);
  });
});

describe('censorDomSkeleton', () => {
  const parse = (html: string): Element => {
    const root = new DOMParser().parseFromString(`<div id="racine">${html}</div>`, 'text/html').body
      .firstElementChild;
    if (root === null) throw new Error('no root');
    return root;
  };

  it('writes one indented line per element', () => {
    const root = parse('<p class="a b12c" data-x="Y" lang="fr">Bonjour <b>Léa</b> 42</p>');
    expect(censorDomSkeleton(root)).toBe(
      ['div id', '  p .a.b12c data-x="X" lang "Xxxxxxx 99"', '    b "Xxx"'].join('\n'),
    );
  });

  it('shapes class tokens with three digits or more', () => {
    expect(censorDomSkeleton(parse('<i class="ok eleve-12345678"></i>'))).toBe(
      'div id\n  i .ok.xxxxx-99999999',
    );
  });

  it('collapses runs of identical siblings after the third', () => {
    const items = Array.from({ length: 10 }, (_, i) => `<li data-id="L-${1000 + i}"><span>${i}</span></li>`);
    const skeleton = censorDomSkeleton(parse(`<ul>${items.join('')}<li>fin</li></ul>`));
    expect(skeleton).toBe(
      [
        'div id',
        '  ul',
        '    li data-id="X-9999"',
        '      span "9"',
        '    li data-id="X-9999"',
        '      span "9"',
        '    li data-id="X-9999"',
        '      span "9"',
        '    … ×7 de plus',
        '    li "xxx"',
      ].join('\n'),
    );
  });

  it('does not collapse a run of three', () => {
    expect(censorDomSkeleton(parse('<b></b><b></b><b></b>'))).toBe('div id\n  b\n  b\n  b');
  });

  it('stops after maxNodes and says how many were left out', () => {
    const root = parse(`<section>${'<p><i></i></p>'.repeat(5)}</section>`);
    expect(censorDomSkeleton(root, { maxNodes: 4 })).toBe(
      ['div id', '  section', '    p', '      i', '… (8 éléments de plus non montrés)'].join('\n'),
    );
  });

  it('never reads form values', () => {
    const root = parse(
      '<input value="Léa"><textarea>Noah</textarea><select><option selected>Chloé</option></select>',
    );
    const input = root.querySelector('input');
    if (input !== null) input.value = 'Dubois';
    expect(censorDomSkeleton(root)).toBe(
      ['div id', '  input value', '  textarea', '  select', '    option selected "Xxxxx"'].join('\n'),
    );
  });

  it('does not enter shadow roots', () => {
    const root = parse('<div class="hote"></div>');
    root.querySelector('.hote')?.attachShadow({ mode: 'open' }).append(document.createElement('p'));
    expect(censorDomSkeleton(root)).toBe('div id\n  div .hote');
  });
});
