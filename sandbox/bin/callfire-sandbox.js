#!/usr/bin/env node
// The `callfire-sandbox` command. This file is in git, not built, so npm can link the command when it
// installs the workspace (before `prepare` has built dist/). It only runs the built CLI.
require("../dist/cli.js");
