/** The governance process library (processes/) as the server loads it. */
export { defaultLibraryDir, readLibrary, readProcessFolder, type LibraryForm, type LibraryMapping, type LibraryProcess } from './folder.js';
export { loadLibrary, loadProcess, type LibraryTargets, type LoadReport } from './loader.js';
