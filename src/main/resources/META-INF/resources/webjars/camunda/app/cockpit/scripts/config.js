// Cockpit of the PCM2 grants workflow (running and finished processes, incidents, jobs):
// Vietnamese first (locales/vi.json, the project's own translation), English for browsers
// whose first language is English; dates day first (dateLocales); named after the programme.
// Replaces the webjar's config.js.
export default {
  app: {
    name: 'Cockpit',
    vendor: 'PCM2'
  },
  locales: {
    availableLocales: ['vi', 'en'],
    fallbackLocale: 'vi'
  }
};
