/** Tests sit in tests/ by kind. Each kind is a jest project so it can be run on its own. */
const transform = {
  '^.+\\.tsx?$': [
    'ts-jest',
    { tsconfig: { jsx: 'react-jsx', module: 'commonjs', esModuleInterop: true, resolveJsonModule: true } },
  ],
}
const moduleNameMapper = { '^@/(.*)$': '<rootDir>/src/$1' }

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/unit'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'weapp',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/weapp'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/e2e'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'compiler',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/compiler'],
      transform,
      moduleNameMapper,
    },
  ],
}
