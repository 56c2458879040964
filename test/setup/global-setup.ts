// Starts the real external servers that integration suites need, once per jest run, on 127.0.0.1.
// Each starter records its address in process.env so that test workers inherit it; a missing toolchain
// makes its suites skip with a loud line, except under CI=true where that is a failure.
export default async function globalSetup(): Promise<void> {
  // filled in by the Mongo-wire (FerretDB) and Zeebe starters
}
