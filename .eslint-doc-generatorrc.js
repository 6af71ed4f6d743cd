/** @type {import("eslint-doc-generator").GenerateOptions} */
const config = {
  configEmoji: [
    ["recommended", "✅"],
    ["strict", "🔒"],
  ],
  // `all` enables every rule, so a column for it would say nothing.
  ignoreConfig: ["all"],
  ruleDocNotices: ["deprecated", "configs", "fixableAndHasSuggestions", "requiresTypeChecking", "options"],
  // Every page has an Options section, also when it only says there are none.
  ruleDocSectionOptions: false,
  ruleDocSectionInclude: ["Examples", "Options", "When Not To Use It"],
  ruleListColumns: [
    "name",
    "description",
    "configsError",
    "fixable",
    "hasSuggestions",
    "options",
    "requiresTypeChecking",
    "deprecated",
  ],
  urlConfigs: "https://github.com/eslint-plugin-hibernation/eslint-plugin-hibernation#configs",
};

export default config;
