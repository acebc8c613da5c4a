# The API and the worker, from one image; the command chooses which (CMD runs the API,
# `node dist/worker/main.js` the worker, `node dist/scripts/api-keys.js` manages keys, and
# `npx prisma migrate deploy` applies the migrations). Compiled JavaScript, production packages only.
FROM node:20.19.5-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# `npm run build` compiles the API and the worker, bundles the workflows and builds the workspace
# (web/) into dist/web/dist, where the compiled API serves it from.
RUN DATABASE_URL=postgresql://localhost/unused npx prisma generate \
 && npm run build \
 # Optional packages are the platforms' binaries of build tools (esbuild, swc) and of the embedded
 # PostgreSQL of `npm start`: the image needs none of them, its workflow code is pre-built.
 && npm prune --omit=dev --omit=optional --no-audit --no-fund

FROM node:20.19.5-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json /app/prisma.config.ts ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/prisma ./prisma
USER node
EXPOSE 3000
CMD ["node", "dist/api/main.js"]
