# The API and the worker, from one image; the command chooses which.
FROM node:20.19.5-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN DATABASE_URL=postgresql://localhost/unused npx prisma generate \
 && npx tsx scripts/bundle-workflows.ts dist/workflow-bundle.js

FROM node:20.19.5-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "api/main.ts"]
