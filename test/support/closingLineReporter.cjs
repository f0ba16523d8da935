// Mocha's spec output followed by the plain closing line CI reads: "N passed, N failed".
// Counts come from mocha's own runner statistics.
const { reporters } = require('mocha');

class ClosingLineReporter extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    // Registered after Spec's own 'end' handler, so the line follows mocha's summary.
    runner.once('end', () => {
      const { passes, failures } = runner.stats;
      process.stdout.write(`${passes} passed, ${failures} failed\n`);
    });
  }
}

module.exports = ClosingLineReporter;
