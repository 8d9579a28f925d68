// Welcome page of the PCM2 grants workflow (where everyone signs in): Vietnamese first
// (locales/vi.json, the project's own translation), English for browsers whose first
// language is English; named after the programme, with links to the project's own pages.
// Replaces the webjar's config.js.
export default {
  app: {
    name: 'Trang chính',
    vendor: 'PCM2'
  },
  locales: {
    availableLocales: ['vi', 'en'],
    fallbackLocale: 'vi'
  },
  dateFormat: {
    normal: 'DD/MM/YYYY HH:mm',
    long: 'dddd, DD/MM/YYYY HH:mm'
  },
  links: [
    {
      label: 'Báo cáo danh mục tiểu dự án (Portfolio report)',
      href: '/reports/portfolio',
      description: 'Số liệu, biểu đồ và tệp CSV, cho DWC và lãnh đạo xã / figures, charts and CSV for DWC and commune leaders'
    },
    {
      label: 'API của hệ thống (API documentation)',
      href: '/api/docs',
      description: 'Dành cho người lập trình / for developers'
    }
  ]
};
