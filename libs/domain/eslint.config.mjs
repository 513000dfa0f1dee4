import baseConfig from '../../eslint.config.mjs';

// The domain is plain TypeScript, evaluated identically by the API and the client: no framework.
// (Nx's bannedExternalImports does not fire for hoisted packages here, so ESLint's own rule does it.)
export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@angular/*',
                '@nestjs/*',
                'typeorm',
                'typeorm/*',
                'express',
                'pg',
                'rxjs',
                'rxjs/*',
                'class-validator',
                'class-transformer',
              ],
              message: 'libs/domain imports no framework',
            },
          ],
        },
      ],
    },
  },
];
