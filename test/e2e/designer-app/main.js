// The designer modules mounted on their own, for test/e2e/designer.test.ts (the app shell mounts them the same way).
// Plain JS: the root tsconfig has no DOM library, and the designer's own build checks the modules it imports.
const el = document.getElementById('app');

async function mount() {
  const view = location.hash.slice(1) || 'modeler';
  const locale = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
  if (view === 'forms') return (await import('../../../designer/src/form-builder/builder-view.ts')).mountFormBuilder(el, { locale });
  if (view === 'admin') return (await import('../../../designer/src/admin/admin-view.ts')).mountAdmin(el);
  return (await import('../../../designer/src/modeler/modeler-view.ts')).mountModeler(el, { locale });
}

mount().then(
  (mounted) => (window.gz = mounted),
  (e) => (window.gzError = String(e?.stack ?? e)),
);
