// Blueprint upload: a valohai.yaml (file or pasted) is linted by task-service; every error and warning
// is shown under its line; a valid blueprint's tasks can be created from here.
import {api} from '../api.js';
import {h, fill} from '../dom.js';

export async function mount(main, _arg, ctx) {
  const file = h('input', {type: 'file', id: 'blueprint-file', accept: '.yaml,.yml,application/yaml,text/yaml'});
  const text = h('textarea', {id: 'blueprint-text', rows: 14, spellcheck: 'false', name: 'blueprint',
    'aria-describedby': 'blueprint-help'});
  const report = h('section', {id: 'lint-report', 'aria-live': 'polite'});
  file.addEventListener('change', async () => {
    if (file.files[0]) {
      text.value = await file.files[0].text();
      lint();
    }
  });
  const form = h('form', {class: 'card', onsubmit: (ev) => { ev.preventDefault(); lint(); }},
    h('p', {id: 'blueprint-help'}, 'Choose a valohai.yaml or paste it below; it is checked without creating anything.'),
    h('label', {for: 'blueprint-file'}, 'valohai.yaml file'), file,
    h('label', {for: 'blueprint-text'}, 'valohai.yaml'), text,
    h('button', {type: 'submit', id: 'lint'}, 'Check'));
  fill(main, h('h1', {}, 'Blueprint upload'), form, report);

  async function lint() {
    const yaml = text.value;
    let r;
    try {
      r = await api('/blueprints/lint', {method: 'POST', body: yaml, type: 'application/yaml'});
    } catch (e) {
      if (ctx.onAuthError(e)) return;
      fill(report, h('p', {class: 'error', role: 'alert'}, e.message));
      return;
    }
    show(yaml, r);
  }

  function show(yaml, r) {
    const messages = [...r.errors, ...r.warnings].sort((a, b) => a.line - b.line || a.column - b.column);
    const byLine = new Map();
    messages.forEach(m => { if (!byLine.has(m.line)) byLine.set(m.line, []); byLine.get(m.line).push(m); });
    const lines = yaml.split(/\r?\n/);
    const listing = h('ol', {class: 'listing', id: 'blueprint-listing', 'aria-label': 'The blueprint with its messages'});
    lines.forEach((line, i) => {
      const n = i + 1;
      const ms = byLine.get(n) || [];
      listing.append(h('li', {class: ms.length ? 'has-message' : '', dataset: {line: n}},
        h('code', {}, line || ' '),
        ms.map(m => h('div', {class: `lint ${m.severity}`, dataset: {line: m.line, column: m.column}},
          h('span', {class: 'caret', 'aria-hidden': 'true'}, ' '.repeat(Math.max(0, m.column - 1)) + '^'),
          h('span', {}, `${m.severity} at line ${m.line}, column ${m.column}${m.path ? ' (' + m.path + ')' : ''}: ${m.message}`)))));
    });
    // messages past the last line (e.g. an empty document) still show
    const beyond = messages.filter(m => m.line > lines.length || m.line < 1);
    fill(report,
      h('p', {id: 'lint-verdict', tabindex: '-1', class: r.valid ? 'ok' : 'error'}, r.valid
        ? `Valid: ${r.steps.length} step(s), ${r.tasks.length} task(s)${r.warnings.length ? `, ${r.warnings.length} warning(s)` : ''}.`
        : `${r.errors.length} error(s), ${r.warnings.length} warning(s).`),
      beyond.map(m => h('p', {class: `lint ${m.severity}`}, `${m.severity}: ${m.message}`)),
      h('div', {class: 'scroll card'}, listing),
      r.valid && r.tasks.length ? h('div', {class: 'card'}, h('h2', {}, 'Create a task'),
        h('ul', {class: 'files'}, r.tasks.map(t => h('li', {},
          h('button', {type: 'button', class: 'create-task', dataset: {task: t}, onclick: (ev) => create(t, yaml, ev.target)},
            `Create task “${t}”`))))) : null);
    const verdict = report.querySelector('#lint-verdict');
    verdict.focus();
    verdict.scrollIntoView({block: 'start'});
  }

  async function create(name, yaml, button) {
    button.disabled = true;
    try {
      const t = await api(`/tasks/from-blueprint?task=${encodeURIComponent(name)}`,
        {method: 'POST', body: yaml, type: 'application/yaml'});
      ctx.navigate(`/dashboard/tasks/${encodeURIComponent(t.id)}`);
    } catch (e) {
      if (ctx.onAuthError(e)) return;
      button.disabled = false;
      button.after(h('p', {class: 'error', role: 'alert'}, e.message));
    }
  }

  return () => {};
}
