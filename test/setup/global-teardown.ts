export default async function globalTeardown(): Promise<void> {
  // stops what global-setup started
}
