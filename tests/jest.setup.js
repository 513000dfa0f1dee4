// testTimeout is a global Jest option and is ignored in a project config; set it per tier here.
jest.setTimeout(60000);
