// `npx tsx tests/beam/build-models.ts [dir]`: builds the beam test models (scripts/beam-fixtures.py runs it).
import { BEAM_MODELS_DIR, buildBeamModels } from './models.ts';

const dir = process.argv[2] ?? BEAM_MODELS_DIR;
await buildBeamModels(dir);
console.log(dir);
