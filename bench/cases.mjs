// The inputs every benchmark script runs (bench/bench.mjs, bench/profile.mjs, bench/ab.mjs).
//
// README_WITH is the README's own example, read from README.md by the helpers the README's tests
// use (test/helpers.js readmeExample, test/readme.test.js): the quick start's promote step as a
// dispatch of `1.4.0-dev` from `main` gives it. The start-up budget (SPEC §8) is about that
// example, so the benchmark measures whatever the README says, not a copy of it.
import { readmeExample } from '../test/helpers.js';

export const README_WITH = readmeExample({ docker_image_tag: '1.4.0-dev', git_branch: 'main' });

/** The scale and big-file cases: `TAG` into `imageTag: "…"` in the files a glob selects. */
export const TAG = '1.4.0-prod';
export const RE = 'imageTag: "(?<docker_image_tag>[^"]*)"';
export const mappingFor = (glob) => `docker_image_tag==.*-prod {THEN_UPDATE_FILES} ${glob}=docker_image_tag_regex`;
export const withFor = (glob) => ({ mappings: mappingFor(glob), docker_image_tag: TAG, docker_image_tag_regex: RE });
/** The same edit for `sed -i -E` and `perl -pi -e`. */
export const SED = `s/(imageTag: ")[^"]*(")/\\1${TAG}\\2/`;
export const PERL = `s/(imageTag: ")[^"]*(")/\${1}${TAG}\${2}/`;
