// The README's dev/prod example, the page's starting state. The files are those of examples/,
// bundled as text by js/playground/build.mjs.
import chart from '../../examples/Chart.yaml';
import dev from '../../examples/environments/dev/values.yaml';
import prod from '../../examples/environments/prod/values.yaml';

export function exampleState() {
  return {
    mappings:
      'docker_image_tag==.*-dev  {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex&git_branch_regex\n' +
      '{NEXT_MAPPING}\n' +
      'docker_image_tag==.*-prod {THEN_UPDATE_FILES} **prod/values.yaml=docker_image_tag_regex&git_branch_regex\n',
    variables: [
      { name: 'docker_image_tag', value: '1.4.0-dev' },
      { name: 'git_branch', value: 'main' },
    ],
    regexes: [
      { name: 'docker_image_tag_regex', pattern: 'imageTag: "(?<docker_image_tag>.*)"' },
      { name: 'git_branch_regex', pattern: 'git_branch: "(?<git_branch>.*)"' },
    ],
    files: [
      { path: 'Chart.yaml', content: chart },
      { path: 'environments/dev/values.yaml', content: dev },
      { path: 'environments/prod/values.yaml', content: prod },
    ],
    exclude: '',
    payload: false,
  };
}
