export const REPOSITORY_URL = "https://github.com/eslint-plugin-hibernation/eslint-plugin-hibernation";
