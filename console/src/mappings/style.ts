/** The mappings screen's own styles (a lazily loaded screen's CSS file would not be linked, so it travels with the code). */
export const STYLE = `
.mappings .mapping-layout { display: grid; grid-template-columns: 1fr; gap: 1rem; align-items: start; }
@media (min-width: 80rem) { .mappings .mapping-layout { grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); } }
.mappings td > select, .mappings td > input:not([type="checkbox"]), .mappings td > textarea { width: 100%; min-width: 7rem; box-sizing: border-box; }
.mappings fieldset { border: none; padding: 0; margin: 0; min-width: 0; }
.mappings .preview { position: sticky; top: 0.5rem; }
.mappings .preview pre { max-height: 70vh; overflow: auto; background: #f3f5f8; padding: 0.6rem; border-radius: 6px; font-size: 0.82rem; }
.mappings tr.has-problem > td { background: #fff1f1; }
.mappings .row-problem { margin: 0.25rem 0 0; font-size: 0.85rem; }
.mappings textarea.expression { font-family: ui-monospace, monospace; }
.mappings .lookup table { background: none; margin: 0.3rem 0; }
.mappings .lookup td { border: none; padding: 0.15rem; }
.mappings .diff li.added { color: var(--ok); }
.mappings .diff li.removed { color: var(--danger); }
.mappings .diff li.changed { color: var(--warn); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;
