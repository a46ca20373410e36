#pragma once

#include "jsonschema.h"

#include <QStringList>

// The request rules of the Agent Server's OpenAPI (version 0.12.0, the referee), written down as
// code: types, enums, ranges and required fields of every request body the sandbox accepts.
namespace crondesk::sandbox::schemas {

const JsonSchema &cronCreate(); // POST /runs/crons
const JsonSchema &threadCronCreate(); // POST /threads/{thread_id}/runs/crons
const JsonSchema &cronPatch(); // PATCH /runs/crons/{cron_id}
const JsonSchema &runCreateStateful(); // POST /threads/{thread_id}/runs
const JsonSchema &runCreateStateless(); // POST /runs
const JsonSchema &cronSearch(); // POST /runs/crons/search
const JsonSchema &cronCount(); // POST /runs/crons/count
const JsonSchema &assistantSearch(); // POST /assistants/search
const JsonSchema &assistantCount(); // POST /assistants/count
const JsonSchema &threadCreate(); // POST /threads
const JsonSchema &threadSearch(); // POST /threads/search
const JsonSchema &threadCount(); // POST /threads/count

// Enums shared by schemas and handlers.
const QStringList &cronSortFields();
const QStringList &cronSelectFields();
const QStringList &assistantSortFields();
const QStringList &assistantSelectFields();
const QStringList &threadSortFields();
const QStringList &threadSelectFields();
const QStringList &threadStatuses();
const QStringList &runStatuses();
const QStringList &runSelectFields();
const QStringList &multitaskStrategies();

} // namespace crondesk::sandbox::schemas
